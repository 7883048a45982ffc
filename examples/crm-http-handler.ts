/**
 * Embedding callqa in a CRM's HTTP API: POST an evaluation, get the score JSON
 * back. The rubric is compiled once at start-up and shared by every request.
 *
 *   npx tsx examples/crm-http-handler.ts   # listens on 127.0.0.1:3000
 *   curl -s -XPOST localhost:3000/score -d @evaluation.json
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
// In an application: `from 'callqa/node'` (the core plus file loading and the bundled rubrics).
import { bundledPath, loadRubricFile, safeScoreCall, type Rubric } from '../src/node.js';

const MAX_BODY = 1 << 20;

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** A request handler that scores POSTed evaluations against `rubric`. */
export function createScoringHandler(rubric: Rubric): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    if (req.method !== 'POST' || req.url !== '/score') return send(res, 404, { error: 'POST /score' });
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        send(res, 413, { error: 'evaluation larger than 1 MiB' });
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      if (res.writableEnded) return;
      let evaluation: unknown;
      try {
        evaluation = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return send(res, 400, { issues: [{ code: 'invalid_json', path: [], message: 'the body is not JSON' }] });
      }
      const result = safeScoreCall(rubric, evaluation);
      // 422: the JSON was fine but does not fit the rubric; the issues say where.
      if (!result.success) return send(res, 422, { issues: result.issues });
      send(res, 200, result.score);
    });
  };
}

/** Starts the server; resolves once it listens (port 0 picks a free port). */
export function startServer(rubric: Rubric, port = 3000, host = '127.0.0.1'): Promise<Server> {
  const server = createServer(createScoringHandler(rubric));
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rubric = loadRubricFile(bundledPath('callcenter-qc-7.zh-CN.json'));
  void startServer(rubric).then(() => console.log('POST evaluations to http://127.0.0.1:3000/score'));
}
