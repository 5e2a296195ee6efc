#!/usr/bin/env node
// Bundles the DSFR stylesheet (npm package @gouvfr/dsfr, see style/package.json) into
// public/dsfr/dsfr.css, with the SVG icons it references copied under public/dsfr/icons/.
//
//   node style/build-dsfr.mjs            (from anywhere; paths are relative to this file)
//   node style/build-dsfr.mjs --force    rebuild even when the output is up to date
//
// What is shipped: the core, the components the application uses, the colour utilities and the
// icon utilities of a few categories, each in its modern ("main") flavour plus its print rules.
// What is NOT shipped: the DSFR JavaScript (interactivity is written in Rust), the legacy
// (IE11) flavour, and the Marianne / Spectral fonts (their licence forbids it): every
// @font-face rule is removed and the font stacks fall back to the system fonts.
// Plain Node, no dependency besides the package itself. Idempotent: nothing is done when
// public/dsfr/dsfr.css is newer than the installed package and than this script, and was built
// from the same DSFR version (the version written in the bundle's banner detects an upgrade even
// where the installed files keep an old mtime).

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const pkgDir = path.join(here, 'node_modules', '@gouvfr', 'dsfr');
const dist = path.join(pkgDir, 'dist');
const outDir = path.resolve(here, '..', 'public', 'dsfr');
const outCss = path.join(outDir, 'dsfr.css');
const force = process.argv.includes('--force');

// Components, in the order of the package's own component bundle (dist/component/component.css),
// which already respects their dependencies (e.g. link and button before card and tile, form
// before input, logo/search/translate/navigation/modal before header). To add a component,
// insert its folder name (a folder of dist/component/) at its place in that order; the package's
// order is: upload range accordion badge logo button connect breadcrumb form stepper tooltip link
// sidemenu callout highlight tab pagination summary tag alert notice radio card checkbox input
// content segmented toggle skiplink select modal navigation share footer tile search consent
// follow password translate table transcription header.
const COMPONENTS = [
    'upload', 'accordion', 'badge', 'logo', 'button', 'breadcrumb', 'form', 'stepper', 'link',
    'sidemenu', 'callout', 'highlight', 'pagination', 'summary', 'tag', 'alert', 'notice', 'radio',
    'card', 'checkbox', 'input', 'toggle', 'skiplink', 'select', 'modal', 'navigation', 'footer',
    'tile', 'search', 'password', 'translate', 'table', 'header',
];

// Icon categories of dist/utility/icons/ (classes `fr-icon-<name>`). Left out: design,
// development, health, logo (brands), weather.
const ICON_CATEGORIES = [
    'arrows', 'buildings', 'business', 'communication', 'device', 'document', 'editor',
    'finance', 'map', 'media', 'others', 'system', 'user',
];

// Artwork (pictograms) that no CSS rule references but the markup uses through
// <svg><use href="/dsfr/artwork/…">: paths relative to dist/, copied as they are.
const EXTRA_ASSETS = [];

const SYSTEM_SANS = 'system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","Liberation Sans",sans-serif';
const SYSTEM_SERIF = 'georgia,"Times New Roman","Liberation Serif",serif';

function die(message) {
    console.error(`build-dsfr: ${message}`);
    process.exit(1);
}

if (!fs.existsSync(path.join(dist, 'core', 'core.main.min.css'))) {
    die(`${path.relative(process.cwd(), dist) || dist} not found: run \`npm ci\` in style/ first`);
}
const pkgVersion = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;

// --- Up to date? ---------------------------------------------------------------------------
function mtime(file) {
    try {
        return fs.statSync(file).mtimeMs;
    } catch {
        return 0;
    }
}
if (!force) {
    const built = mtime(outCss);
    const inputs = Math.max(mtime(path.join(pkgDir, 'package.json')), mtime(fileURLToPath(import.meta.url)));
    if (built > inputs) {
        const head = fs.readFileSync(outCss, 'utf8').slice(0, 300);
        if (head.includes(`DSFR v${pkgVersion} `)) {
            console.log(`build-dsfr: public/dsfr/dsfr.css is up to date (DSFR ${pkgVersion}); --force to rebuild`);
            process.exit(0);
        }
    }
}

// --- Sources ---------------------------------------------------------------------------------
/** @type {string[]} paths relative to dist/ */
const sources = [];
function add(rel, required = true) {
    if (fs.existsSync(path.join(dist, rel))) sources.push(rel);
    else if (required) die(`missing file in the package: dist/${rel}`);
}
add('core/core.main.min.css');
add('core/core.print.min.css', false);
for (const c of COMPONENTS) {
    add(`component/${c}/${c}.main.min.css`);
    add(`component/${c}/${c}.print.min.css`, false);
}
add('utility/colors/colors.main.min.css');
for (const c of ICON_CATEGORIES) add(`utility/icons/icons-${c}/icons-${c}.main.min.css`);

// --- Transform -------------------------------------------------------------------------------
const assets = new Set(); // paths relative to dist/, e.g. icons/system/close-line.svg

/** Removes `@font-face{…}` blocks (no nested braces in them). */
function stripFontFaces(css) {
    return css.replace(/@font-face\s*\{[^{}]*\}/g, '');
}

/** Font stacks without Marianne / Spectral. */
function systemFonts(css) {
    return css.replace(/font-family:([^;}]*)/g, (_, value) => {
        const important = /!important\s*$/.test(value) ? '!important' : '';
        const names = value.replace(/!important\s*$/, '').split(',').map((s) => s.trim());
        if (names.some((n) => /^["']?Spectral/i.test(n))) return `font-family:${SYSTEM_SERIF}${important}`;
        if (names.some((n) => /^["']?Marianne/i.test(n))) return `font-family:${SYSTEM_SANS}${important}`;
        return `font-family:${value}`;
    });
}

/** Rewrites url(...) relative to the source file so that it resolves from /dsfr/dsfr.css. */
function rewriteUrls(css, rel) {
    const srcDir = path.posix.dirname(rel);
    return css.replace(/url\(\s*(["']?)([^"')]+)\1\s*\)/g, (whole, _quote, url) => {
        if (/^(data:|#|[a-z][a-z0-9+.-]*:|\/\/)/i.test(url)) return whole; // data:, absolute, fragment
        const clean = url.split(/[?#]/)[0];
        const target = path.posix.normalize(path.posix.join(srcDir, clean));
        if (target.startsWith('..')) die(`${rel}: url(${url}) points outside dist/`);
        if (/^fonts\//.test(target) || /\.(woff2?|ttf|otf|eot)$/i.test(target)) {
            die(`${rel}: font reference left after removing @font-face: url(${url})`);
        }
        if (!/^(icons|artwork)\//.test(target)) die(`${rel}: unexpected asset url(${url})`);
        if (!fs.existsSync(path.join(dist, target))) die(`${rel}: url(${url}) → dist/${target} does not exist`);
        assets.add(target);
        return `url(${target})`;
    });
}

/** Drops the per-file licence banners and media-query markers, then empty at-rule blocks. */
function tidy(css) {
    let out = css.replace(/@charset\s+"[^"]*";/gi, '').replace(/\/\*[\s\S]*?\*\//g, '');
    for (let previous = ''; previous !== out; ) {
        previous = out;
        out = out.replace(/@(media|supports)[^{}]*\{\s*\}/g, '');
    }
    return out.trim();
}

const parts = [];
for (const rel of sources) {
    let css = fs.readFileSync(path.join(dist, rel), 'utf8');
    css = tidy(css);
    css = stripFontFaces(css);
    css = systemFonts(css);
    css = rewriteUrls(css, rel);
    parts.push(`/* ${rel} */\n${css}`);
}
for (const rel of EXTRA_ASSETS) {
    if (!fs.existsSync(path.join(dist, rel))) die(`EXTRA_ASSETS: dist/${rel} does not exist`);
    assets.add(rel);
}

const banner =
    `@charset "UTF-8";\n` +
    `/*! DSFR v${pkgVersion} | SPDX-License-Identifier: MIT | License-Filename: LICENSE.md | restricted use (see terms and conditions)\n` +
    ` * Subset built by style/build-dsfr.mjs: no JavaScript, no Marianne/Spectral font (system fonts instead). */\n`;
const bundle = banner + parts.join('\n') + '\n';

if (/@font-face/i.test(bundle)) die('an @font-face rule is left in the bundle');
const leftover = parts
    .join('\n')
    .match(/font-family:[^;}]*(Marianne|Spectral)[^;}]*|[^\s(),"']*(Marianne|Spectral)[^\s(),"']*\.(woff2?|ttf|otf|eot)/i);
if (leftover) die(`a Marianne/Spectral font reference is left in the bundle: ${leftover[0]}`);

// --- Write (into a fresh folder, then swapped in place) --------------------------------------
const publicDir = path.dirname(outDir);
fs.mkdirSync(publicDir, { recursive: true });
for (const name of fs.readdirSync(publicDir)) {
    // left by an interrupted run
    if (/^\.dsfr-(tmp|old)-\d+$/.test(name)) fs.rmSync(path.join(publicDir, name), { recursive: true, force: true });
}
const tmpDir = path.join(publicDir, `.dsfr-tmp-${process.pid}`);
const oldDir = path.join(publicDir, `.dsfr-old-${process.pid}`);
fs.mkdirSync(tmpDir, { recursive: true });
for (const rel of [...assets].sort()) {
    const to = path.join(tmpDir, rel);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(path.join(dist, rel), to);
}
fs.writeFileSync(path.join(tmpDir, 'dsfr.css'), bundle);
fs.copyFileSync(path.join(pkgDir, 'LICENSE.md'), path.join(tmpDir, 'LICENSE.md'));
if (fs.existsSync(outDir)) fs.renameSync(outDir, oldDir);
fs.renameSync(tmpDir, outDir);
fs.rmSync(oldDir, { recursive: true, force: true });

const bytes = Buffer.byteLength(bundle);
const gz = gzipSync(bundle, { level: 9 }).length;
const sha = createHash('sha256').update(bundle).digest('hex').slice(0, 12);
const icons = [...assets].filter((a) => a.startsWith('icons/')).length;
const artwork = assets.size - icons;
console.log(
    `build-dsfr: DSFR ${pkgVersion} → public/dsfr/dsfr.css ${(bytes / 1024).toFixed(1)} KiB ` +
        `(${(gz / 1024).toFixed(1)} KiB gzipped, sha256 ${sha}), ${sources.length} source files, ` +
        `${icons} icons${artwork ? `, ${artwork} artwork files` : ''}`,
);
