#!/usr/bin/env node
// The `service-hall-server` bin: see start.ts for its flags and environment.
import { start } from './start.js';

start().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
