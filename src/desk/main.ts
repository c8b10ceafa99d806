/** The workbench page's script (dist/desk/desk.js): registers the elements; the page holds `<sh-desk>`. */
import { defineDesk } from './register.js';

defineDesk();
