import { diffElementTitle, showValue, type DiffChange, type DiffValue, type FieldChangeDto, type ProjectDiffDto, type RuleDiffDto } from '../contract/diff-dto';

const MARK: Readonly<Record<DiffChange, string>> = { added: '+', removed: '-', changed: '~' };

/**
 * One line per changed field; for an added or removed element, its fields on one line, leaving
 * out empty values and what its name already says.
 */
function details(change: DiffChange, name: string, fields: readonly FieldChangeDto[], indent: string): string[] {
  if (change === 'changed') return fields.map((f) => `${indent}${f.field}: ${showValue(f.before)} → ${showValue(f.after)}`);
  const inName = (value: DiffValue): boolean => (Array.isArray(value) ? value.every((v) => name.includes(v)) : name.includes(String(value)));
  const shown = fields
    .map((f) => ({ field: f.field, value: change === 'added' ? f.after : f.before }))
    .filter((f) => f.value !== null && !(Array.isArray(f.value) && f.value.length === 0) && !inName(f.value));
  return shown.length === 0 ? [] : [`${indent}${shown.map((f) => `${f.field}: ${showValue(f.value)}`).join('; ')}`];
}

function rule(r: RuleDiffDto): string {
  return `${r.service} ${r.direction} ${r.src} → ${r.dst}: ${r.inPort} → ${r.outPort}${r.vlan === null ? '' : ` vlan ${r.vlan}`}`;
}

/**
 * The diff for people: a header, then Topology, Services and Rules (per bridge), each sorted;
 * `+` only in B, `-` only in A, `~` changed (field: A → B).
 */
export function diffText(diff: ProjectDiffDto): string {
  const { a, b } = diff;
  if (diff.identical) return `${a.label} and ${b.label} are identical.\n`;
  const lines = [
    `Comparing ${a.label} (A) with ${b.label} (B): ${diff.counts.topology} topology, ${diff.counts.services} service and ${diff.counts.rules} rule changes.`,
  ];
  if (diff.topology.length > 0) {
    lines.push('', 'Topology');
    for (const e of diff.topology) lines.push(`  ${MARK[e.change]} ${diffElementTitle(e)}`, ...details(e.change, e.name, e.fields, '      '));
  }
  if (diff.services.length > 0) {
    lines.push('', 'Services');
    for (const s of diff.services) lines.push(`  ${MARK[s.change]} ${s.name}`, ...details(s.change, s.name, s.fields, '      '));
  }
  if (diff.rules.length > 0) {
    lines.push('', 'Rules per bridge');
    for (const group of diff.rules) {
      lines.push(`  ${group.bridge}`, ...group.rules.map((r) => `    ${MARK[r.change]} ${rule(r)}`));
    }
  }
  return `${lines.join('\n')}\n`;
}
