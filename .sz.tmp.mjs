import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
const r = await build({ stdin: { contents: "import { loadRubric, scoreCall } from './src/index.ts'; console.log(loadRubric, scoreCall);", resolveDir: '/work/wt/score', loader: 'ts' }, bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, metafile: true, logLevel: 'error' });
const out = r.outputFiles[0].contents;
console.log('total', out.length, 'gzip', gzipSync(out).length);
const ins = Object.entries(Object.values(r.metafile.outputs)[0].inputs).map(([k, v]) => [k, v.bytesInOutput]).sort((a, b) => b[1] - a[1]);
for (const [k, v] of ins.slice(0, 45)) console.log(String(v).padStart(7), k);
