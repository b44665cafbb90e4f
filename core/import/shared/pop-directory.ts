import type { TopologyDto } from '../../contract/dto';
import { editDistance } from './edit-distance';

/** Longest name compared for "did you mean" (longer names are not real PoP names). */
const MAX_SUGGEST_LENGTH = 80;

interface Entry {
  /** Identity used to compare names: the PoP id (or the registered name). */
  readonly identity: string;
  /** The name or alias as the project spells it. */
  readonly spelling: string;
  /** A PoP name rather than an alias (preferred in suggestions). */
  readonly isName: boolean;
}

/**
 * The project's PoP names and aliases (case-insensitive), for checking imported chains and
 * for deciding whether two consecutive names denote the same PoP.
 */
export class PopDirectory {
  /** Whether a topology was given (without one no name is reported unknown). */
  readonly hasTopology: boolean;
  private readonly byKey = new Map<string, Entry>();
  private readonly names: readonly string[];
  private readonly suggestionCache = new Map<string, readonly string[]>();

  /** `registeredNames` are PoPs the imported document itself registers (T-NOVA `/nfvi`). */
  constructor(topology: TopologyDto | undefined, registeredNames: readonly string[] = []) {
    this.hasTopology = topology !== undefined;
    const names: string[] = [];
    // Tolerate partial topologies from JS callers: only `pops` is needed here.
    const pops: readonly unknown[] = Array.isArray(topology?.pops) ? topology.pops : [];
    for (const pop of pops) {
      const p = pop as { id?: unknown; name?: unknown; aliases?: unknown };
      if (typeof p.name !== 'string') continue;
      const identity = `pop:${typeof p.id === 'string' ? p.id : p.name}`;
      names.push(p.name);
      const aliases: readonly unknown[] = Array.isArray(p.aliases) ? p.aliases : [];
      this.addKey(p.name, identity, true);
      for (const alias of aliases) if (typeof alias === 'string') this.addKey(alias, identity, false);
    }
    for (const name of registeredNames) {
      names.push(name);
      this.addKey(name, `registered:${name.toLowerCase()}`, true);
    }
    this.names = names;
  }

  /** Whether the name or alias is known (case-insensitive). */
  isKnown(name: string): boolean {
    return this.byKey.has(name.toLowerCase());
  }

  /** Identity of the PoP a name denotes: its PoP when known, else the lower-cased name. */
  identity(name: string): string {
    const k = name.toLowerCase();
    return this.byKey.get(k)?.identity ?? `name:${k}`;
  }

  /** Known names or aliases close to `name` (edit distance or containment), best first, ≤ 3. */
  suggestions(name: string): readonly string[] {
    const cached = this.suggestionCache.get(name);
    if (cached) return cached;
    const lower = name.toLowerCase();
    const scored: { spelling: string; score: number; isName: boolean }[] = [];
    if (lower.length <= MAX_SUGGEST_LENGTH) {
      const max = Math.max(2, Math.floor(lower.length / 3));
      for (const [key, entry] of this.byKey) {
        if (key.length > MAX_SUGGEST_LENGTH) continue;
        const d = editDistance(lower, key, max);
        const contained = key.length >= 3 && lower.length >= 3 && (key.includes(lower) || lower.includes(key));
        // Containment ranks after any close edit, shorter length gaps first.
        const score = d !== Infinity ? d : max + 1 + Math.abs(key.length - lower.length) / 1000;
        if (d !== Infinity || contained) scored.push({ spelling: entry.spelling, score, isName: entry.isName });
      }
    }
    scored.sort((a, b) => a.score - b.score || Number(b.isName) - Number(a.isName) || (a.spelling < b.spelling ? -1 : 1));
    const out = [...new Set(scored.map((s) => s.spelling))].slice(0, 3);
    this.suggestionCache.set(name, out);
    return out;
  }

  /** Names of the project's PoPs (not aliases), for "known PoPs: …" hints. */
  knownNames(): readonly string[] {
    return this.names;
  }

  private addKey(spelling: string, identity: string, isName: boolean): void {
    const k = spelling.toLowerCase();
    if (!this.byKey.has(k)) this.byKey.set(k, { identity, spelling, isName });
  }
}
