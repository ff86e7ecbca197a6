/**
 * The HTML report in a real browser: Debian's headless Chromium driven by playwright-core (no
 * browser is ever downloaded). The page must load with no console error and no network request,
 * draw its charts, and filter the findings table. A screenshot is saved under test-output/.
 * Skips, saying why, where /usr/bin/chromium is not installed.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { formatHtml } from '../../src/report/html/page.js';
import { buildRoadmap } from '../../src/report/roadmap/build-roadmap.js';
import { FIXTURE_DRILL, FIXTURE_LEVELS, fixtureHistory, fixtureReport } from './fixture-report.js';

const CHROMIUM = '/usr/bin/chromium';
const OUT = path.join(import.meta.dirname, '..', '..', 'test-output', 'report');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`html-browser.test: skipped — ${CHROMIUM} not found (apt-get install -y chromium)`);

describe.skipIf(!hasChromium)('HTML report in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    mkdirSync(OUT, { recursive: true });
    const report = fixtureReport();
    const roadmap = buildRoadmap({ report, levels: FIXTURE_LEVELS, history: fixtureHistory(), drill: FIXTURE_DRILL });
    const file = path.join(OUT, 'report.html');
    writeFileSync(file, formatHtml(report, { history: fixtureHistory(), roadmap }));
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('loads with no console error and no network request', () => {
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('draws the category chart and the score history', async () => {
    const bars = page.locator('#category-chart rect.bar');
    expect(await bars.count()).toBe(4);
    const box = await page.locator('#category-chart').boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    const widths = await bars.evaluateAll((els) => els.map((e) => (e as SVGGraphicsElement).getBBox().width));
    expect(widths[3]).toBeGreaterThan(widths[0] * 3); // Testing (100) against Security (25)
    expect(await page.locator('#history-chart circle.point').count()).toBe(4);
    expect(await page.locator('#score').textContent()).toContain('48.6');
  });

  it('filters the findings table by severity, text and a click on a category bar', async () => {
    const visible = () => page.locator('#findings-table tbody tr:not([hidden])').count();
    expect(await visible()).toBe(5);
    await page.selectOption('#filter-severity', 'medium');
    expect(await visible()).toBe(2);
    expect(await page.locator('#shown-count').textContent()).toBe('2 of 5 shown');
    await page.selectOption('#filter-severity', '');
    await page.fill('#filter-text', 'server.js');
    expect(await visible()).toBe(1);
    await page.fill('#filter-text', '');
    await page.locator('#category-chart [data-filter-category="ops"]').click();
    expect(await page.locator('#filter-category').inputValue()).toBe('ops');
    expect(await visible()).toBe(2);
    await page.selectOption('#filter-category', '');
    expect(await visible()).toBe(5);
  });

  it('renders hostile text as text', async () => {
    expect(await page.locator('#findings-table script').count()).toBe(0);
    expect(await page.locator('#findings-table').textContent()).toContain('<script>alert(1)</script>');
  });

  it('saves a screenshot', async () => {
    const shot = path.join(OUT, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(existsSync(shot)).toBe(true);
  });
});
