#!/usr/bin/env node
// The package's bin: runs the built CLI (npm run build). From a checkout, `npm run cli -- …` runs it from source.
require('../out/main/cli.js')
