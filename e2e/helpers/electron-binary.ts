// Finds the Electron binary without triggering its download (requiring 'electron' would try to
// fetch it, which cannot work on machines without access to its host).
import fs from 'node:fs';
import path from 'node:path';

export function electronBinary(): string | null {
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const pkg = path.resolve(import.meta.dirname, '../../node_modules/electron');
  const pathFile = path.join(pkg, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : process.platform === 'win32' ? 'electron.exe' : 'electron';
  const candidate = override ? path.join(override, relative) : path.join(pkg, 'dist', relative);
  return fs.existsSync(candidate) ? candidate : null;
}
