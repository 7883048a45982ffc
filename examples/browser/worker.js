// A module Web Worker: scores off the main thread and posts the results back as JSON.
import { scoreCalls } from './score-calls.js';

self.onmessage = (event) => {
  const { rubricJson, ndjson } = event.data;
  self.postMessage(JSON.stringify(scoreCalls(rubricJson, ndjson)));
};
