/**
 * Everything one kubectl invocation carries: its streams, parsed flags, kubeconfig, REST client and
 * discovery. Built lazily, so client-side commands (`config`, `--dry-run=client`) never touch a server.
 */
import type { CommandContext } from '../../shell/types';
import type { Flags } from './flags';
import { RestClient, klogHeader } from '../client/rest';
import { Discovery } from '../client/discovery';
import { ConnectionRefused, KubectlError } from './errors';
import { identityHeaders } from '../cmd/auth-identity';
import { hostPort, loadKubeconfig, resolvePath, resolveTarget, type ClientTarget, type LoadedConfig } from '../kubeconfig';

export class Kctx {
  private _loaded?: LoadedConfig;
  private _target?: ClientTarget;
  private _rest?: RestClient;
  private _discovery?: Discovery;

  constructor(
    readonly ctx: CommandContext,
    /** Command path, e.g. ['create', 'deployment']. */
    readonly path: string[],
    readonly f: Flags,
  ) {}

  get args(): string[] {
    return this.f.args;
  }
  out(s: string): void {
    this.ctx.stdout(s);
  }
  err(s: string): void {
    this.ctx.stderr(s);
  }
  now(): number {
    return this.ctx.host.clock.now();
  }
  get cmdPath(): string {
    return this.path.join(' ');
  }
  abs(p: string): string {
    return resolvePath(this.ctx.cwd, p);
  }

  get verbosity(): number {
    const v = this.f.str('v');
    return Number(v) || 0;
  }

  kubeconfig(): LoadedConfig {
    if (!this._loaded) {
      try {
        this._loaded = loadKubeconfig(this.ctx.fs, this.ctx.env, this.ctx.cwd, this.f.str('kubeconfig') || undefined);
      } catch (e) {
        throw new KubectlError((e as Error).message);
      }
    }
    return this._loaded;
  }

  target(): ClientTarget {
    if (!this._target) {
      try {
        this._target = resolveTarget(this.kubeconfig().config, {
          context: this.f.str('context') || undefined,
          cluster: this.f.str('cluster') || undefined,
          server: this.f.str('server') || undefined,
          namespace: this.f.str('namespace') || undefined,
        });
      } catch (e) {
        throw new KubectlError((e as Error).message);
      }
    }
    return this._target;
  }

  /** The namespace commands act in: -n, else the context's, else default. */
  get namespace(): string {
    return this.target().namespace;
  }
  get namespaceExplicit(): boolean {
    return this.f.changed('namespace') || this.target().namespaceFromContext;
  }
  get allNamespaces(): boolean {
    return this.f.p.values.has('all-namespaces') && this.f.bool('all-namespaces');
  }

  rest(): RestClient {
    if (!this._rest) {
      const t = this.target();
      if (this.verbosity >= 6 && this.kubeconfig().exists) {
        // client-go's loader logs where the config came from before the first request.
        this.err(`${klogHeader('I', this.now(), 12345, 'loader.go:395')}Config loaded from file:  ${this.kubeconfig().path}\n`);
      }
      const handler = this.ctx.host.resolveServer(t.server);
      if (!handler) throw new ConnectionRefused(hostPort(t.server));
      this._rest = new RestClient({ handler, server: t.server, clock: this.ctx.host.clock, verbosity: this.verbosity, log: (l) => this.err(l), headers: identityHeaders(this) });
    }
    return this._rest;
  }

  discovery(): Discovery {
    if (!this._discovery) this._discovery = new Discovery(this.rest());
    return this._discovery;
  }

  /** Sleeps in virtual time; false when Ctrl-C interrupted it. */
  async sleep(ms: number): Promise<boolean> {
    try {
      await this.ctx.sleep(ms);
      return !this.ctx.signal.aborted;
    } catch {
      return false;
    }
  }
}
