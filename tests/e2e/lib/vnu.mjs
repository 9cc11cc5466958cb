// The Nu Html Checker, run once over every file (one JVM start), in the background.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const JAR = path.resolve(import.meta.dirname, '../node_modules/vnu-jar/build/dist/vnu.jar');

/** Resolves to a Map from absolute file path to its error messages ("line:col: message"). */
export function vnu(files) {
  return new Promise((resolve, reject) => {
    const p = spawn('java', ['-Xss4m', '-jar', JAR, '--errors-only', '--format', 'json', ...files], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (c) => (out += c));
    p.stderr.on('data', (c) => (err += c));
    p.on('error', reject);
    p.on('close', (code) => {
      let messages;
      try {
        // The JSON report goes to stderr; stdout is empty with --format json.
        messages = JSON.parse(err || out).messages;
      } catch {
        return reject(new Error(`vnu exited ${code} without a JSON report:\n${err}${out}`));
      }
      const byFile = new Map(files.map((f) => [path.resolve(f), []]));
      for (const m of messages) {
        if (m.type !== 'error' && m.subType !== 'fatal') continue;
        const file = m.url ? path.resolve(fileURLToPath(m.url)) : '(unknown)';
        if (!byFile.has(file)) byFile.set(file, []);
        byFile.get(file).push(`${m.lastLine ?? m.firstLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}: ${m.message}`);
      }
      resolve(byFile);
    });
  });
}
