/**
 * Side-effect entry: `import 'service-hall/define'` registers `<service-hall>` for declarative use.
 * The main entry registers nothing until `init()` is called.
 */
import { defineServiceHall } from './register.js';

defineServiceHall();
