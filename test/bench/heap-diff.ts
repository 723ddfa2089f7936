/**
 * `npx tsx test/bench/heap-diff.ts before.heapsnapshot after.heapsnapshot`:
 * what grew between two heap snapshots of one process (the memory bench
 * writes them with `--snapshots DIR`). Prints (1) self size and count per
 * kind of object, largest growth first, and (2) the single objects whose
 * own storage grew most — a Map's or Set's hash table, an array's
 * elements, an object's dictionary — matched across the two snapshots by
 * V8's object ids, which stay the same for the life of a process, each with
 * the path that holds it, so an unbounded collection is named by its owner.
 */
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/** Storage an object owns beside its own header: these internal edges lead to it. */
const BACKING = new Set(['table', 'elements', 'properties']);
const MIB = 2 ** 20;

class Heap {
  readonly nodeCount: number;
  private readonly nodeWidth: number;
  private readonly edgeWidth: number;
  private readonly firstEdge: Int32Array;
  private readonly field: Record<'type' | 'name' | 'id' | 'size' | 'edges' | 'edgeType' | 'edgeName' | 'edgeTo', number>;
  private readonly nodeTypes: string[];
  private readonly edgeTypes: string[];

  constructor(private readonly data: Snapshot) {
    const { node_fields: nodeFields, node_types: nodeTypes, edge_fields: edgeFields, edge_types: edgeTypes } = data.snapshot.meta;
    this.nodeWidth = nodeFields.length;
    this.edgeWidth = edgeFields.length;
    this.nodeTypes = nodeTypes[0];
    this.edgeTypes = edgeTypes[0];
    this.field = {
      type: nodeFields.indexOf('type'),
      name: nodeFields.indexOf('name'),
      id: nodeFields.indexOf('id'),
      size: nodeFields.indexOf('self_size'),
      edges: nodeFields.indexOf('edge_count'),
      edgeType: edgeFields.indexOf('type'),
      edgeName: edgeFields.indexOf('name_or_index'),
      edgeTo: edgeFields.indexOf('to_node'),
    };
    this.nodeCount = data.nodes.length / this.nodeWidth;
    this.firstEdge = new Int32Array(this.nodeCount + 1);
    for (let node = 0, edge = 0; node < this.nodeCount; node++) {
      this.firstEdge[node] = edge;
      edge += data.nodes[node * this.nodeWidth + this.field.edges] as number;
    }
    this.firstEdge[this.nodeCount] = data.edges.length / this.edgeWidth;
  }

  type(node: number): string {
    return this.nodeTypes[this.data.nodes[node * this.nodeWidth + this.field.type] as number] ?? '?';
  }

  name(node: number): string {
    return this.data.strings[this.data.nodes[node * this.nodeWidth + this.field.name] as number] ?? '';
  }

  id(node: number): number {
    return this.data.nodes[node * this.nodeWidth + this.field.id] as number;
  }

  size(node: number): number {
    return this.data.nodes[node * this.nodeWidth + this.field.size] as number;
  }

  /** Outgoing edges: [edge type, edge name, target node]. */
  *edges(node: number): Generator<[string, string, number]> {
    for (let edge = this.firstEdge[node] as number; edge < (this.firstEdge[node + 1] as number); edge++) {
      const at = edge * this.edgeWidth;
      const type = this.edgeTypes[this.data.edges[at + this.field.edgeType] as number] ?? '?';
      const raw = this.data.edges[at + this.field.edgeName] as number;
      const name = type === 'element' || type === 'hidden' ? `[${raw}]` : (this.data.strings[raw] ?? '');
      yield [type, name, (this.data.edges[at + this.field.edgeTo] as number) / this.nodeWidth];
    }
  }

  /** Self size plus the backing storage (hash table, elements, dictionary) it owns. */
  owned(node: number): number {
    let total = this.size(node);
    for (const [type, name, to] of this.edges(node)) if (type === 'internal' && BACKING.has(name)) total += this.size(to);
    return total;
  }

  label(node: number): string {
    const type = this.type(node);
    const name = this.name(node);
    return type === 'object' || type === 'closure' || type === 'native' ? `${type}:${name.slice(0, 60)}` : type;
  }
}

/** First strong retainer of every node, for printing who holds what. */
function retainers(heap: Heap): Int32Array {
  const by = new Int32Array(heap.nodeCount).fill(-1);
  for (let node = 0; node < heap.nodeCount; node++) {
    for (const [type, , to] of heap.edges(node)) if (type !== 'weak' && by[to] === -1 && to !== node) by[to] = node;
  }
  return by;
}

function pathTo(heap: Heap, by: Int32Array, node: number, depth = 8): string {
  const steps: string[] = [];
  for (let at = node, n = 0; at >= 0 && n < depth; n++) {
    const parent = by[at] as number;
    if (parent < 0) break;
    const edge = [...heap.edges(parent)].find(([, , to]) => to === at);
    steps.push(`${heap.label(parent)}.${edge?.[1] ?? '?'}`);
    at = parent;
  }
  return steps.join(' ← ');
}

function load(path: string): Heap {
  return new Heap(JSON.parse(readFileSync(path, 'utf8')) as Snapshot);
}

function byKind(heap: Heap): Map<string, { count: number; size: number }> {
  const kinds = new Map<string, { count: number; size: number }>();
  for (let node = 0; node < heap.nodeCount; node++) {
    const key = heap.label(node);
    const entry = kinds.get(key) ?? { count: 0, size: 0 };
    entry.count += 1;
    entry.size += heap.size(node);
    kinds.set(key, entry);
  }
  return kinds;
}

const [beforePath, afterPath, topArg] = process.argv.slice(2);
if (!beforePath || !afterPath) {
  console.error('usage: npx tsx test/bench/heap-diff.ts before.heapsnapshot after.heapsnapshot [top]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const before = load(beforePath);
const after = load(afterPath);

const kindsBefore = byKind(before);
const kindsAfter = byKind(after);
const total = (kinds: Map<string, { size: number }>) => [...kinds.values()].reduce((sum, entry) => sum + entry.size, 0);
console.log(`self size: ${(total(kindsBefore) / MIB).toFixed(1)} MiB → ${(total(kindsAfter) / MIB).toFixed(1)} MiB`);
console.log('\ngrowth by kind (MiB, count):');
const kindRows = [...kindsAfter].map(([key, entry]) => {
  const was = kindsBefore.get(key) ?? { count: 0, size: 0 };
  return { key, size: entry.size - was.size, count: entry.count - was.count };
});
for (const row of kindRows.sort((a, b) => b.size - a.size).slice(0, top)) {
  console.log(`${(row.size / MIB).toFixed(2).padStart(8)} ${String(row.count).padStart(9)}  ${row.key}`);
}

const ownedBefore = new Map<number, number>();
for (let node = 0; node < before.nodeCount; node++) ownedBefore.set(before.id(node), before.owned(node));
const grown: { node: number; growth: number; now: number }[] = [];
for (let node = 0; node < after.nodeCount; node++) {
  const was = ownedBefore.get(after.id(node));
  if (was === undefined) continue;
  const now = after.owned(node);
  if (now - was > 0) grown.push({ node, growth: now - was, now });
}
grown.sort((a, b) => b.growth - a.growth);
const by = retainers(after);
console.log('\nobjects present in both whose own storage grew most (KiB grown, KiB now):');
for (const { node, growth, now } of grown.slice(0, top)) {
  console.log(`${(growth / 1024).toFixed(0).padStart(8)} ${(now / 1024).toFixed(0).padStart(8)}  ${after.label(node)} ← ${pathTo(after, by, node)}`);
}
