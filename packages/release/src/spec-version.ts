// The spec's `info.version` follows the version of @tenantctl/schema, the package that ships it: the
// version step writes it, the lint checks it. Only that one line changes (the file is hand-written).
import { readFileSync, writeFileSync } from 'node:fs';

const infoVersion = /^(info:\n(?:[ \t]+.*\n)*?[ \t]+version:[ \t]*)("?)([^"\n]*)\2[ \t]*$/m;

export function readSpecVersion(specText: string): string {
  const match = infoVersion.exec(specText);
  if (!match?.[3]) throw new Error('the spec has no info.version');
  return match[3];
}

export function withSpecVersion(specText: string, version: string): string {
  readSpecVersion(specText);
  return specText.replace(infoVersion, (_all, head: string) => `${head}${version}`);
}

/** Writes `version` into the spec file; true when it changed. */
export function syncSpecVersion(specFile: string, version: string): boolean {
  const text = readFileSync(specFile, 'utf8');
  const next = withSpecVersion(text, version);
  if (next !== text) writeFileSync(specFile, next);
  return next !== text;
}
