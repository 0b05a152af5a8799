// Test support: with MESSENGER_SPEC_RECORD set to a file, every HTTP exchange the tests' SDK makes
// (method, path, request body, status, JSON answer) and every WebSocket frame it sends or receives
// is appended to that file as one JSON line. After the Node suite, Maven runs the server tests'
// RecordedTraffic check over the file, which validates each line against docs/openapi.json and
// docs/asyncapi.json (the same strict check the Java suite applies to its own traffic).
// Imported first by node.js, so the globals are wrapped before any client is built.

import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const file = process.env.MESSENGER_SPEC_RECORD;

function write(entry) {
  appendFileSync(file, `${JSON.stringify(entry)}\n`);
}

if (file) {
  mkdirSync(dirname(file), { recursive: true });
  const realFetch = globalThis.fetch.bind(globalThis);
  globalThis.fetch = async (input, init = {}) => {
    const res = await realFetch(input, init);
    const url = new URL(typeof input === 'string' ? input : input.url);
    const contentType = res.headers.get('content-type');
    const json = contentType && contentType.startsWith('application/json');
    write({
      kind: 'http',
      method: (init.method || 'GET').toUpperCase(),
      uri: url.pathname + url.search,
      requestBody: typeof init.body === 'string' ? init.body : null,
      status: res.status,
      contentType,
      body: json ? await res.clone().text() : null,
    });
    return res;
  };

  const RealWebSocket = globalThis.WebSocket;
  if (RealWebSocket) {
    globalThis.WebSocket = class RecordedWebSocket extends RealWebSocket {
      constructor(...args) {
        super(...args);
        this.addEventListener('message', (e) => {
          if (typeof e.data === 'string') write({ kind: 'in', text: e.data });
        });
      }

      send(data) {
        if (typeof data === 'string') write({ kind: 'out', text: data });
        super.send(data);
      }
    };
  }
}
