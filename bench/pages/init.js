// An app that imports `init` from the ES-module build and calls it, bundled as an app's bundler would: the
// launcher path in the app's own file, the panel a lazy chunk. Used for the host-page cost of init.
import { init } from '../../dist/index.js';

// An unreachable backend, like the peers': the launcher path must not wait for any network.
init({ locale: 'en', endpoint: 'http://127.0.0.1:1/api/' });
