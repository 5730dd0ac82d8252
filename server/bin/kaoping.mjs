#!/usr/bin/env node
// Runs the TypeScript sources through tsx: no separate server build step (see docs/ARCHITECTURE.md).
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
