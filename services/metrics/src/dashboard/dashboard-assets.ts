import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Injectable } from '@nestjs/common';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export interface DashboardAsset {
  contentType: string;
  body: Buffer;
}

/**
 * The dashboard's files (written here, nothing from a CDN), read once at start from `assets/` beside this module
 * (scripts/build.mjs copies them into dist/): only these names are ever served.
 */
@Injectable()
export class DashboardAssets {
  private readonly files = new Map<string, DashboardAsset>();

  constructor() {
    const dir = join(__dirname, 'assets');
    for (const name of readdirSync(dir)) {
      const contentType = CONTENT_TYPES[extname(name)];
      if (contentType) this.files.set(name, { contentType, body: readFileSync(join(dir, name)) });
    }
  }

  get(name: string): DashboardAsset | undefined {
    return this.files.get(name);
  }
}
