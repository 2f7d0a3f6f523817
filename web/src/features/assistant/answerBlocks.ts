/**
 * Turns an answer's plain text into blocks to render — never HTML. The offline composer writes
 * `【可能的原因】…`, `· ` bullets, `1. ` steps and a closing `参考：[1]《…》` line; model answers use
 * the same conventions loosely, so every rule here degrades to a plain paragraph.
 */
export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'para'; text: string }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'steps'; items: string[] }
  | { kind: 'hotlines'; items: Hotline[] }
  | { kind: 'references'; text: string };

export interface Hotline {
  number: string;
  label: string;
}

const HEADING = /^【([^】]{1,20})】\s*(.*)$/;
const BULLET = /^\s*[·•\-*]\s+(.*)$/;
const STEP = /^\s*(\d{1,2})[.、．)]\s*(.*)$/;
/** `· 12355 青少年服务台（心理与法律咨询）` in the safety response. */
const HOTLINE = /^\s*[·•\-*]?\s*((?:0\d{2,3}-)?\d{3,8})\s+(.+)$/;
const MARKDOWN_HEADING = /^#{1,4}\s+(.*)$/;

export function toBlocks(text: string, { hotlines = false }: { hotlines?: boolean } = {}): Block[] {
  const blocks: Block[] = [];
  const push = (kind: 'bullets' | 'steps', item: string) => {
    const last = blocks.at(-1);
    if (last && last.kind === kind) last.items.push(item);
    else blocks.push({ kind, items: [item] });
  };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    let m: RegExpMatchArray | null;
    if (hotlines && (m = HOTLINE.exec(line))) {
      const last = blocks.at(-1);
      const item = { number: m[1]!, label: m[2]! };
      if (last && last.kind === 'hotlines') last.items.push(item);
      else blocks.push({ kind: 'hotlines', items: [item] });
    } else if ((m = HEADING.exec(line))) {
      blocks.push({ kind: 'heading', text: m[1]! });
      if (m[2]) blocks.push({ kind: 'para', text: m[2] });
    } else if ((m = MARKDOWN_HEADING.exec(line))) {
      blocks.push({ kind: 'heading', text: m[1]!.replace(/\*\*/g, '') });
    } else if (/^参考[:：]/.test(line)) {
      blocks.push({ kind: 'references', text: line });
    } else if ((m = BULLET.exec(line))) {
      push('bullets', m[1]!);
    } else if ((m = STEP.exec(line))) {
      push('steps', m[2]!);
    } else if (hotlines && /[:：]$/.test(line) && line.length <= 20) {
      blocks.push({ kind: 'heading', text: line.replace(/[:：]$/, '') });
    } else {
      blocks.push({ kind: 'para', text: line.replace(/\*\*/g, '') });
    }
  }
  return blocks;
}

/** `tel:` target for a number as written (010-82951332 → 01082951332). */
export function telHref(number: string): string {
  return `tel:${number.replace(/[^\d+]/g, '')}`;
}

/** Splits text around citation markers `[1]` so they can become buttons. */
export function splitCitations(text: string): (string | number)[] {
  const parts: (string | number)[] = [];
  let last = 0;
  for (const m of text.matchAll(/\[(\d{1,2})\]/g)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push(Number(m[1]));
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}
