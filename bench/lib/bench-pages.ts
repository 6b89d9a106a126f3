// Builds bench/pages/<name>.ts on first use and serves every built page from bench/.dist/.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { serve } from '../../scripts/serve.js';
import type { BenchPage } from '../types.ts';
import { benchDist, benchPageConfig } from '../page-build.ts';

type ServeHandle = Awaited<ReturnType<typeof serve>>;

export class BenchPages {
  private server: ServeHandle | undefined;
  private readonly built = new Map<string, Promise<BenchPage>>();

  page(name: string): Promise<BenchPage> {
    let page = this.built.get(name);
    if (!page) {
      page = this.build(name);
      this.built.set(name, page);
    }
    return page;
  }

  private async build(name: string): Promise<BenchPage> {
    if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`bad bench page name: ${name}`);
    await build(benchPageConfig(name));
    writeFileSync(
      join(benchDist, name, 'index.html'),
      `<!doctype html><meta charset="utf-8"><title>bench: ${name}</title>` +
        `<script type="module" src="./${name}.js"></script>\n`
    );
    this.server ??= await serve({ dir: benchDist, port: 0, quiet: true });
    return { url: `${this.server.url}/${name}/` };
  }

  async close(): Promise<void> {
    await this.server?.close();
  }
}
