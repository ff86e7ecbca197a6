// The labelled secrets corpus: planted fake secrets (positives) of many kinds and file types, and
// hard negatives (placeholders, env reads, example keys, hashes, UUIDs, integrity strings, public
// keys, minified code, example files, test fixtures). Generated from a seed, never committed.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AWS_EXAMPLE_ID, AWS_EXAMPLE_SECRET, makeValues, rng } from './_secrets-values.mjs';

const PY_HEAD = ['import logging', 'from dataclasses import dataclass', '', 'log = logging.getLogger(__name__)', ''];
const JS_HEAD = ["import express from 'express';", "import { readFile } from 'node:fs/promises';", ''];

/** A file whose line `at` (1-based, into `body`) is labelled; `head` lines come first. */
function file(p, head, body, labelled, tail = []) {
  return { path: p, text: [...head, ...body, ...tail].join('\n') + '\n', lines: labelled.map((i) => head.length + i) };
}

function pemBlock(v, label, lines = 12) {
  return [`-----BEGIN ${label}-----`, ...v.pem(lines), `-----END ${label}-----`];
}

/** Positives: each returns a file with the labelled lines holding a real-looking secret. */
const POSITIVES = [
  ['aws-pair', 'py', (v, d) => file(`${d}/settings/aws.py`, PY_HEAD, [`AWS_ACCESS_KEY_ID = "${v.awsKeyId()}"`, `AWS_SECRET_ACCESS_KEY = "${v.awsSecret()}"`], [1, 2])],
  ['aws-pair', 'ini', (v, d) => file(`${d}/deploy/credentials`, ['[default]'], [`aws_access_key_id = ${v.awsKeyId()}`, `aws_secret_access_key = ${v.awsSecret()}`], [1, 2], ['region = eu-west-1'])],
  ['github', 'env', (v, d) => file(`${d}/.env`, ['NODE_ENV=production', 'PORT=8080'], [`GITHUB_TOKEN=${v.github()}`], [1])],
  ['github', 'yaml', (v, d) => file(`${d}/.github/workflows/release.yml`, ['name: release', 'on: push', 'jobs:', '  publish:', '    runs-on: ubuntu-latest', '    env:'], [`      GH_TOKEN: ${v.github()}`], [1])],
  ['github-fine', 'js', (v, d) => file(`${d}/scripts/sync.js`, JS_HEAD, [`const octokit = new Octokit({ auth: "${v.githubFine()}" });`], [1])],
  ['gitlab', 'sh', (v, d) => file(`${d}/scripts/mirror.sh`, ['#!/bin/sh', 'set -eu'], [`export GITLAB_TOKEN="${v.gitlab()}"`], [1], ['git push --mirror'])],
  ['slack', 'py', (v, d) => file(`${d}/notify/slack.py`, PY_HEAD, [`client = WebClient(token="${v.slackToken()}")`], [1])],
  ['slack-webhook', 'json', (v, d) => file(`${d}/config/alerts.json`, ['{', '  "channel": "#ops",'], [`  "webhook": "${v.slackWebhook()}"`], [1], ['}'])],
  ['stripe', 'ts', (v, d) => file(`${d}/src/billing.ts`, ["import Stripe from 'stripe';", ''], [`const stripe = new Stripe('${v.stripe()}', { apiVersion: '2024-06-20' });`], [1])],
  ['google', 'js', (v, d) => file(`${d}/web/firebase.js`, ['const firebaseConfig = {'], [`  apiKey: "${v.google()}",`], [1], ['  authDomain: "app.firebaseapp.com",', '};'])],
  ['sendgrid', 'py', (v, d) => file(`${d}/mail/send.py`, PY_HEAD, [`sg = SendGridAPIClient('${v.sendgrid()}')`], [1])],
  ['npm', 'npmrc', (v, d) => file(`${d}/.npmrc`, ['registry=https://registry.npmjs.org/'], [`//registry.npmjs.org/:_authToken=${v.npm()}`], [1])],
  ['twilio', 'env', (v, d) => file(`${d}/sms/.env.production`, ['TWILIO_ACCOUNT_SID=AC' + v.hex(32)], [`TWILIO_API_KEY=${v.twilio()}`], [1])],
  ['openai', 'py', (v, d) => file(`${d}/ai/client.py`, PY_HEAD, [`client = OpenAI(api_key="${v.openai()}")`], [1])],
  ['anthropic', 'ts', (v, d) => file(`${d}/src/llm.ts`, ["import Anthropic from '@anthropic-ai/sdk';"], [`const anthropic = new Anthropic({ apiKey: '${v.anthropic()}' });`], [1])],
  ['azure-storage', 'json', (v, d) => file(`${d}/appsettings.json`, ['{', '  "ConnectionStrings": {'], [`    "Storage": "DefaultEndpointsProtocol=https;AccountName=prodfiles;AccountKey=${v.azureKey()};EndpointSuffix=core.windows.net"`], [1], ['  }', '}'])],
  ['private-key-rsa', 'pem', (v, d) => file(`${d}/deploy/server.key`, [], pemBlock(v, 'RSA PRIVATE KEY'), [1])],
  ['private-key-ec', 'yaml', (v, d) => file(`${d}/config/tls.yaml`, ['tls:', '  key: |'], pemBlock(v, 'EC PRIVATE KEY', 4).map((l) => '    ' + l), [1])],
  ['private-key-openssh', 'key', (v, d) => file(`${d}/ops/id_ed25519`, [], pemBlock(v, 'OPENSSH PRIVATE KEY', 6), [1])],
  ['private-key-pgp', 'asc', (v, d) => file(`${d}/release/signing.asc`, [], ['-----BEGIN PGP PRIVATE KEY BLOCK-----', '', ...v.pem(10), '=' + v.b64(4), '-----END PGP PRIVATE KEY BLOCK-----'], [1])],
  ['private-key-pkcs8', 'json', (v, d) => file(`${d}/gcp/service-account.json`, ['{', '  "type": "service_account",', '  "project_id": "prod-app",'], [`  "private_key": "-----BEGIN PRIVATE KEY-----\\n${v.pem(16).join('\\n')}\\n-----END PRIVATE KEY-----\\n",`], [1], ['  "client_email": "svc@prod-app.iam.gserviceaccount.com"', '}'])],
  ['postgres', 'env', (v, d) => file(`${d}/.env`, ['DEBUG=false'], [`DATABASE_URL=postgres://app:${v.password()}@db.prod.internal:5432/app`], [1])],
  ['mysql', 'py', (v, d) => file(`${d}/db/engine.py`, PY_HEAD, [`engine = create_engine("mysql+pymysql://report:${v.alnum(18)}@mysql.internal:3306/reports")`], [1])],
  ['mongodb', 'js', (v, d) => file(`${d}/src/db.js`, JS_HEAD, [`await mongoose.connect("mongodb+srv://api:${v.alnum(20)}@cluster0.${v.lower(5)}.mongodb.net/prod");`], [1])],
  ['redis', 'yaml', (v, d) => file(`${d}/config/cache.yml`, ['cache:', '  ttl: 300'], [`  url: redis://:${v.alnum(24)}@redis.internal:6379/0`], [1])],
  ['amqp', 'properties', (v, d) => file(`${d}/src/main/resources/application.properties`, ['server.port=8080'], [`spring.rabbitmq.addresses=amqp://svc:${v.password()}@mq.internal:5672`], [1])],
  ['smtp', 'toml', (v, d) => file(`${d}/config/mail.toml`, ['[mail]', 'from = "noreply@shop.io"'], [`url = "smtp://mailer:${v.alnum(16)}@smtp.mailhost.net:587"`], [1])],
  ['django-secret', 'py', (v, d) => file(`${d}/project/settings.py`, ['from pathlib import Path', 'BASE_DIR = Path(__file__).resolve().parent.parent'], [`SECRET_KEY = '${v.alnum(20)}#${v.alnum(15)}!${v.alnum(12)}'`], [1], ['DEBUG = False'])],
  ['password-yaml', 'yaml', (v, d) => file(`${d}/config/database.yml`, ['production:', '  adapter: postgresql', '  username: shop'], [`  password: ${v.password()}`], [1])],
  ['api-key-js', 'js', (v, d) => file(`${d}/src/weather.js`, JS_HEAD, [`const API_KEY = "${v.alnum(32)}";`], [1])],
  ['token-env', 'env', (v, d) => file(`${d}/worker/.env`, ['QUEUE=default'], [`AUTH_TOKEN=${v.alnum(40)}`], [1])],
  ['k8s-data', 'yaml', (v, d) => file(`${d}/k8s/secret.yaml`, ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: db', 'type: Opaque', 'data:'], [`  password: ${Buffer.from(v.password()).toString('base64')}`], [1])],
  ['k8s-stringdata', 'yaml', (v, d) => file(`${d}/deploy/api-secret.yaml`, ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: api', 'stringData:'], [`  API_TOKEN: ${v.alnum(32)}`], [1])],
  ['notebook', 'ipynb', (v, d) => file(`${d}/notebooks/explore.ipynb`, ['{', ' "cells": [', '  {', '   "cell_type": "code",', '   "source": [', '    "import requests\\n",'], [`    "api_key = \\"${v.alnum(32)}\\"\\n",`], [1], ['    "requests.get(url)"', '   ]', '  }', ' ]', '}'])],
  ['dockerfile-env', 'Dockerfile', (v, d) => file(`${d}/Dockerfile`, ['FROM python:3.12-slim', 'WORKDIR /app'], [`ENV DB_PASSWORD=${v.password()}`], [1], ['CMD ["gunicorn", "app:app"]'])],
  ['dockerfile-env-legacy', 'Dockerfile', (v, d) => file(`${d}/worker/Dockerfile`, ['FROM node:20-alpine'], [`ENV SECRET_KEY ${v.alnum(40)}`], [1])],
  ['toml-secret', 'toml', (v, d) => file(`${d}/pyproject.toml`, ['[tool.app]', 'name = "api"'], [`secret_key = "${v.alnum(40)}"`], [1])],
  ['ini-password', 'ini', (v, d) => file(`${d}/config.ini`, ['[database]', 'host = db.internal', 'user = app'], [`password = ${v.password()}`], [1])],
  ['properties-password', 'properties', (v, d) => file(`${d}/src/main/resources/application-prod.properties`, ['spring.datasource.username=app'], [`spring.datasource.password=${v.password()}`], [1])],
  ['shell-secret', 'sh', (v, d) => file(`${d}/bin/deploy.sh`, ['#!/usr/bin/env bash'], [`export API_SECRET='${v.alnum(32)}'`], [1])],
  ['go-token', 'go', (v, d) => file(`${d}/internal/client/client.go`, ['package client', ''], [`const apiToken = "${v.alnum(40)}"`], [1])],
  ['java-secret', 'java', (v, d) => file(`${d}/src/main/java/app/Config.java`, ['package app;', 'public class Config {'], [`    private static final String SECRET_KEY = "${v.alnum(40)}";`], [1], ['}'])],
  ['ruby-secret', 'rb', (v, d) => file(`${d}/config/initializers/secret.rb`, [], [`Rails.application.config.secret_key_base = "${v.hex(128)}"`], [1])],
  ['php-password', 'php', (v, d) => file(`${d}/config/database.php`, ['<?php', 'return ['], [`    'password' => '${v.password()}',`], [1], ['];'])],
  ['terraform-password', 'tf', (v, d) => file(`${d}/infra/db.tf`, ['resource "aws_db_instance" "main" {', '  engine = "postgres"'], [`  password = "${v.password()}"`], [1], ['}'])],
  ['xml-password', 'xml', (v, d) => file(`${d}/conf/server.xml`, ['<config>', '  <user>svc</user>'], [`  <password>${v.password()}</password>`], [1], ['</config>'])],
  ['csharp-secret', 'json', (v, d) => file(`${d}/appsettings.Production.json`, ['{', '  "AzureAd": {'], [`    "ClientSecret": "${v.alnum(40)}"`], [1], ['  }', '}'])],
  ['digitalocean', 'yaml', (v, d) => file(`${d}/.do/app.yaml`, ['name: web'], [`do_token: ${v.digitalocean()}`], [1])],
  ['huggingface', 'py', (v, d) => file(`${d}/ml/download.py`, PY_HEAD, [`login(token="${v.huggingface()}")`], [1])],
  ['databricks', 'cfg', (v, d) => file(`${d}/.databrickscfg`, ['[DEFAULT]', 'host = https://adb-1.azuredatabricks.net'], [`token = ${v.databricks()}`], [1])],
  ['discord', 'js', (v, d) => file(`${d}/bot/hook.js`, JS_HEAD, [`await fetch("${v.discord()}", { method: "POST" });`], [1])],
  ['telegram', 'py', (v, d) => file(`${d}/bot/main.py`, PY_HEAD, [`bot = Bot("${v.telegram()}")`], [1])],
  ['shopify', 'rb', (v, d) => file(`${d}/lib/shop.rb`, [], [`ShopifyAPI::Context.setup(api_key: "k", access_token: "${v.shopify()}")`], [1])],
  ['vault', 'sh', (v, d) => file(`${d}/ops/vault.sh`, ['#!/bin/sh'], [`VAULT_TOKEN=${v.vault()} vault kv get secret/app`], [1])],
  ['age', 'txt', (v, d) => file(`${d}/ops/age-key.txt`, ['# created: 2024-05-01T10:00:00Z'], [v.age()], [1])],
  ['live-in-test', 'py', (v, d) => file(`${d}/tests/test_github.py`, PY_HEAD, [`TOKEN = "${v.github()}"`], [1])],
];

export const POSITIVE_KINDS = POSITIVES.length;
export { NEGATIVES } from './_secrets-negatives.mjs';
import { NEGATIVES } from './_secrets-negatives.mjs';

/**
 * Builds the corpus in memory: `files` (path → text) and `labels` ({ path, line, positive, kind }).
 * `rounds` repetitions of every planter with fresh values, each under its own directory.
 */
export function buildCorpus({ seed = 1, positiveRounds = 6, negativeRounds = 14 } = {}) {
  const v = makeValues(rng(seed));
  const files = new Map();
  const labels = [];
  const plant = (list, rounds, positive) => {
    for (let r = 0; r < rounds; r++) {
      list.forEach((entry, i) => {
        const [kind, make] = [entry[0], entry.at(-1)];
        const f = make(v, `${positive ? 'p' : 'n'}${r}-${i}`);
        files.set(f.path, f.text);
        for (const line of f.lines) labels.push({ path: f.path, line, positive, kind });
      });
    }
  };
  plant(POSITIVES, positiveRounds, true);
  plant(NEGATIVES, negativeRounds, false);
  return { files, labels, v };
}

/** Writes the corpus under `dir` (emptied first) and returns its labels. */
export function writeCorpus(dir, options) {
  const corpus = buildCorpus(options);
  rmSync(dir, { recursive: true, force: true });
  for (const [p, text] of corpus.files) {
    mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    writeFileSync(path.join(dir, p), text);
  }
  return corpus;
}

export { AWS_EXAMPLE_ID, AWS_EXAMPLE_SECRET, POSITIVES };
