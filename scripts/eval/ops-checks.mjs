#!/usr/bin/env node
// Agreement of the fourteen operations, privacy and testing checks (issue 8) with hand-labelled
// verdicts. Corpus: test/fixtures/ops-eval/<case>/ — small realistic repositories separate from the
// checks' unit fixtures (complete, bare, half-done, decoy-only, library, Go-on-Kubernetes, Django and
// Node services) — labels in test/fixtures/ops-eval/labels.json, written from the spec before the
// checks ran on the corpus. A verdict is pass | partial | fail | n/a; agreement is the share of
// (case, check) pairs whose status equals the label. Imports the built dist/. Labels and checks have
// one author: read the figure as agreement with the spec as understood, not as field accuracy.
// History: the first run scored 111/112 — a Django app's `tests.py` module was not read as tests;
// fixed in tests.present (with its own unit fixture), the corpus unchanged. Four cases added blind
// later (DRF viewsets, FastAPI routers under a prefix with OpenTelemetry, Koa, a Helm-templated
// backup CronJob) scored 19/20 on their first run: DRF router registrations were not read as routes;
// fixed in the routes fact, with a unit fixture in privacy.subject-rights.
import { evaluateAgreement } from './_labelled-agreement.mjs';

await evaluateAgreement({ title: 'ops/privacy/testing checks', corpus: 'test/fixtures/ops-eval', gitignore: false, idWidth: 28 });
