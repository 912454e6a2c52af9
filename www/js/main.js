// Entry point (bundled last, after every widget module has registered itself):
// start the engine, then route (the library shows at once; views that need
// the collection wait for it). If the engine cannot start, say why.
import { startEngine } from './engine.js';
import { startRouter } from './router.js';
import { showFatal } from './shell.js';

let started = false;
try {
  startEngine();
  performance.mark('docent:engine');
  started = true;
} catch (err) {
  showFatal(err);
  console.warn(err);
}
if (started) {
  document.body.dataset.state = 'ready';
  startRouter();
}
