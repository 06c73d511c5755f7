/**
 * What the ESP32 build runs: the application and the Moddable platform layer, bundled by
 * `scripts/build.ts` into the one ES module `dist/device/streetlight.js` that manifest.json names
 * `streetlight` and preloads (its code lives in flash; XS freezes module scope at preload, which eslint
 * enforces: no module-scope `let`). `moddable/main.js`, the manifest's `main`, imports it and starts the
 * controller; an exception there resets the board, which is what a controller that cannot start should do.
 *
 * One bundled module rather than one module per source file: mcconfig then has no relative `./x.js`
 * specifiers to map to module names, and the only imports left are the SDK's (`embedded:*`, `time`, `timer`,
 * `mc/config`) and the native `ota-rollback`, each checked against the manifest by test/manifest.test.ts.
 */
export { startFirmware } from '../app.js';
export { moddableHost } from './moddable.js';
