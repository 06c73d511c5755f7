/** Writes the UI bundle to dist-ui/ (index.html, app.js, app.css) for static serving; see src/ui-bundle.ts. */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildUi } from '../src/ui-bundle.js';

const out = fileURLToPath(new URL('../dist-ui/', import.meta.url));
const ui = await buildUi();
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(`${out}app.js`, ui.js);
fs.writeFileSync(`${out}app.css`, ui.css);
fs.writeFileSync(`${out}index.html`, ui.html);
console.log(`dist-ui: app.js ${(ui.js.length / 1024).toFixed(1)} KiB, app.css ${(ui.css.length / 1024).toFixed(1)} KiB`);
