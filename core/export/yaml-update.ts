import { isMap, isScalar, isSeq, type Node } from 'yaml';

/**
 * Updates the YAML node `old` (of a file people edit) in place so that it holds what `fresh`
 * holds, keeping the comments of every node that remains:
 *
 * - maps: pairs are matched by key and put in `fresh`'s order; kept pairs keep their comments;
 * - lists of maps: items are matched by their natural key (`port`+`prefix` for segments, `a`+`b`
 *   for links, else `id`), lists of scalars position by position;
 * - scalars: the value changes, the node (and its comment) stays;
 * - a node whose type changed is replaced, taking over the old node's comments.
 *
 * Returns the node to keep (`old`, or `fresh` when the types differ).
 */
export function mergeYamlNode(old: Node, fresh: Node): Node {
  if (isMap(old) && isMap(fresh)) {
    const byKey = new Map(old.items.map((pair) => [keyText(pair.key), pair]));
    old.items = fresh.items.map((pair) => {
      const kept = byKey.get(keyText(pair.key));
      if (!kept) return pair;
      kept.value = kept.value && pair.value ? mergeYamlNode(kept.value as Node, pair.value as Node) : pair.value;
      return kept;
    });
    if (fresh.items.length === 0) old.flow = true;
    return old;
  }
  if (isSeq(old) && isSeq(fresh)) {
    const pool = [...old.items] as (Node | null)[];
    old.items = fresh.items.map((item, i) => {
      const node = item as Node;
      const at = isMap(node) ? pool.findIndex((o) => o !== null && isMap(o) && identity(o) === identity(node)) : i < pool.length && pool[i] !== null ? i : -1;
      if (at < 0) return node;
      const kept = pool[at] as Node;
      pool[at] = null;
      return mergeYamlNode(kept, node);
    });
    return old;
  }
  if (isScalar(old) && isScalar(fresh)) {
    if (old.value !== fresh.value || typeof old.value !== typeof fresh.value) {
      old.value = fresh.value;
      // A style chosen for the old value (e.g. plain) may not suit the new one.
      delete old.type;
    }
    return old;
  }
  if (old.commentBefore) fresh.commentBefore = old.commentBefore;
  if (old.comment) fresh.comment = old.comment;
  return fresh;
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

/** The natural key of a list item (a segment, uplink or link). */
function identity(node: Node): string {
  if (!isMap(node)) return '';
  const field = (name: string): string => {
    const value = node.get(name);
    return value === undefined || value === null ? '' : String(value);
  };
  return [field('port'), field('prefix'), field('a'), field('b'), field('port') || field('a') ? '' : field('id')].join('\u0000');
}
