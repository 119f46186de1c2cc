#!/usr/bin/env node
// `eps` as a command (npm link, npx eps): the TypeScript CLI, run through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/runner/cli.ts');
