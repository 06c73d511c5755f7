/**
 * Device entry point (the manifest's `main`): builds the Moddable host and starts the controller. An
 * exception here resets the board (XS aborts), which is what a controller that cannot start should do.
 */
import { startFirmware } from '../app.js';
import { moddableHost } from './moddable.js';

startFirmware(moddableHost());
