/**
 * SQLite b-tree pages (https://www.sqlite.org/fileformat2.html#b_tree_pages), built bottom up
 * from cells already laid out: the table and index trees `inlineValuePages.ts` writes.
 */

/** Hands out zeroed pages to fill, each with its page number. */
export interface PageAllocator {
  page(): { number: number; bytes: Uint8Array };
}

export const LEAF_TABLE = 0x0d;
const INTERIOR_TABLE = 0x05;
export const LEAF_INDEX = 0x0a;
const INTERIOR_INDEX = 0x02;

export const u32 = (bytes: Uint8Array, at: number) =>
  (((bytes[at] ?? 0) << 24) | ((bytes[at + 1] ?? 0) << 16) | ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0)) >>> 0;
export const u16 = (bytes: Uint8Array, at: number) => ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);

export function putU32(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value >>> 24;
  bytes[at + 1] = (value >>> 16) & 0xff;
  bytes[at + 2] = (value >>> 8) & 0xff;
  bytes[at + 3] = value & 0xff;
}

function putU16(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value >>> 8;
  bytes[at + 1] = value & 0xff;
}

/** SQLite's big-endian varint (values below 2^53 here, so never the 9-byte form). */
export function varint(value: number): number[] {
  const out = [value % 128];
  for (let rest = Math.floor(value / 128); rest > 0; rest = Math.floor(rest / 128)) out.unshift(rest % 128 | 0x80);
  return out;
}

interface Cell {
  bytes: Uint8Array;
}

/** Lays cells onto a b-tree page: header, cell pointers, cells from the end of the usable area. */
function writePage(page: Uint8Array, usable: number, type: number, cells: readonly Cell[], rightChild?: number): void {
  page[0] = type;
  let end = usable;
  const header = rightChild === undefined ? 8 : 12;
  cells.forEach((cell, i) => {
    end -= cell.bytes.byteLength;
    page.set(cell.bytes, end);
    putU16(page, header + 2 * i, end);
  });
  putU16(page, 3, cells.length);
  putU16(page, 5, end === 65536 ? 0 : end);
  if (rightChild !== undefined) putU32(page, 8, rightChild);
}

const interiorCell = (child: number, rest: ArrayLike<number>): Cell => {
  const bytes = new Uint8Array(4 + rest.length);
  putU32(bytes, 0, child);
  bytes.set(rest, 4);
  return { bytes };
};

/** Splits items into pages greedily: each costs its cell plus a 2-byte pointer. */
function groupCells<T extends Cell>(items: readonly T[], room: number): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let used = 0;
  for (const item of items) {
    const cost = item.bytes.byteLength + 2;
    if (current.length > 0 && used + cost > room) {
      groups.push(current);
      current = [];
      used = 0;
    }
    current.push(item);
    used += cost;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

export interface TableRow extends Cell {
  rowid: number;
}

/** The table's b-tree, bottom up; the top page goes into `root` (its page number is in the schema). */
export function writeTableTree(rows: readonly TableRow[], root: Uint8Array, sink: PageAllocator, usable: number): void {
  const level = groupCells(rows, usable - 8);
  if (level.length <= 1) return writePage(root, usable, LEAF_TABLE, level[0] ?? []);
  let children = level.map((cells) => {
    const { number, bytes } = sink.page();
    writePage(bytes, usable, LEAF_TABLE, cells);
    return { number, maxRowid: (cells[cells.length - 1] as TableRow).rowid };
  });
  for (;;) {
    // Each child but a page's last is a cell (child, its largest rowid); the last is the right child.
    const cells = children.map((child) => ({ ...child, ...interiorCell(child.number, varint(child.maxRowid)) }));
    const groups = groupCells(cells, usable - 12);
    const last = groups[groups.length - 1] as (typeof cells)[number][];
    const previous = groups[groups.length - 2];
    // A page needs at least one cell: a lone last child takes its neighbour's right child along.
    if (previous && last.length === 1) last.unshift(previous.pop() as (typeof cells)[number]);
    const pages = groups.map((group) => ({ group, right: group[group.length - 1] as (typeof cells)[number] }));
    if (pages.length === 1) return writePage(root, usable, INTERIOR_TABLE, last.slice(0, -1), last[last.length - 1]?.number);
    children = pages.map(({ group, right }) => {
      const { number, bytes } = sink.page();
      writePage(bytes, usable, INTERIOR_TABLE, group.slice(0, -1), right.number);
      return { number, maxRowid: right.maxRowid };
    });
  }
}

/**
 * The index's b-tree, bottom up. In an index every entry sits in exactly one page, interior ones
 * included: the entry between two child pages is their parent's cell.
 */
export function writeIndexTree(entries: readonly Uint8Array[], root: Uint8Array, sink: PageAllocator, usable: number): void {
  const leafCell = (entry: Uint8Array): Cell => ({ bytes: Uint8Array.from([...varint(entry.byteLength), ...entry]) });
  const room = (interior: boolean) => usable - (interior ? 12 : 8);
  // Children of the level being built, and the entry that separates each from the next.
  let children: number[] = [];
  let separators: Uint8Array[] = [];
  {
    const pages: Uint8Array[][] = [];
    let current: Uint8Array[] = [];
    let used = 0;
    for (const entry of entries) {
      const cost = leafCell(entry).bytes.byteLength + 2;
      if (current.length > 0 && used + cost > room(false)) {
        pages.push(current);
        separators.push(entry);
        current = [];
        used = 0;
        continue;
      }
      current.push(entry);
      used += cost;
    }
    if (current.length > 0) pages.push(current);
    else if (separators.length > 0) {
      // The last entry went up with no page after it: it becomes that page, its predecessor goes up.
      const lone = separators.pop() as Uint8Array;
      separators.push((pages[pages.length - 1] as Uint8Array[]).pop() as Uint8Array);
      pages.push([lone]);
    }
    if (pages.length <= 1) return writePage(root, usable, LEAF_INDEX, (pages[0] ?? []).map(leafCell));
    children = pages.map((page) => {
      const { number, bytes } = sink.page();
      writePage(bytes, usable, LEAF_INDEX, page.map(leafCell));
      return number;
    });
  }
  for (;;) {
    // Pages of (cells: left child + separator, right child); a separator that does not fit goes up.
    const pages: { cells: Cell[]; right: number }[] = [{ cells: [], right: children[0] as number }];
    const up: Uint8Array[] = [];
    let used = 0;
    separators.forEach((separator, i) => {
      const page = pages[pages.length - 1] as { cells: Cell[]; right: number };
      const cell = interiorCell(page.right, leafCell(separator).bytes);
      const next = children[i + 1] as number;
      if (page.cells.length > 0 && used + cell.bytes.byteLength + 2 > room(true)) {
        up.push(separator);
        pages.push({ cells: [], right: next });
        used = 0;
        return;
      }
      page.cells.push(cell);
      page.right = next;
      used += cell.bytes.byteLength + 2;
    });
    const last = pages[pages.length - 1] as { cells: Cell[]; right: number };
    const previous = pages[pages.length - 2];
    if (previous && last.cells.length === 0) {
      // A page needs a cell: the neighbour's last cell goes up instead, its separator comes down.
      const moved = previous.cells.pop() as Cell;
      const down = up.pop() as Uint8Array;
      up.push(entryOfInteriorCell(moved));
      last.cells.push(interiorCell(previous.right, leafCell(down).bytes));
      previous.right = u32(moved.bytes, 0);
    }
    if (pages.length === 1) return writePage(root, usable, INTERIOR_INDEX, last.cells, last.right);
    children = pages.map(({ cells, right }) => {
      const { number, bytes } = sink.page();
      writePage(bytes, usable, INTERIOR_INDEX, cells, right);
      return number;
    });
    separators = up;
  }
}

/** The entry (record) an interior index cell holds: after its 4-byte child and the varint length. */
function entryOfInteriorCell(cell: Cell): Uint8Array {
  let at = 4;
  while ((cell.bytes[at] ?? 0) & 0x80) at += 1;
  return cell.bytes.subarray(at + 1);
}
