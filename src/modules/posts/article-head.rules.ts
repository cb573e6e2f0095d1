/**
 * The preview fields of an HTML page, read from its <head> only: og:title, og:description and
 * og:image first, then <title> and <meta name="description">. Regular expressions over the head are
 * enough for attributes of meta tags; nothing here is rendered or run.
 */
export interface ArticleHead {
  title?: string;
  description?: string;
  image?: string;
}

const MAX_TITLE = 200;
const MAX_DESCRIPTION = 500;

export function readArticleHead(html: string): ArticleHead {
  const head = html.slice(0, endOfHead(html));
  const meta = metaTags(head);
  const title = meta.get('og:title') ?? titleElement(head);
  const description = meta.get('og:description') ?? meta.get('description');
  const image = meta.get('og:image:secure_url') ?? meta.get('og:image');
  return {
    ...(title ? { title: clip(title, MAX_TITLE) } : {}),
    ...(description ? { description: clip(description, MAX_DESCRIPTION) } : {}),
    ...(image ? { image } : {}),
  };
}

function endOfHead(html: string): number {
  const end = html.search(/<\/head\s*>|<body[\s>]/i);
  return end === -1 ? html.length : end;
}

/** property= or name= to content=, the first of each (pages repeat tags; the first is the page's own). */
function metaTags(head: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const [tag] of head.matchAll(/<meta\b[^>]*>/gi)) {
    const attributes = attributesOf(tag);
    const key = (attributes.get('property') ?? attributes.get('name'))?.toLowerCase();
    const content = attributes.get('content');
    if (key && content !== undefined && !tags.has(key)) {
      const text = collapse(decodeEntities(content));
      if (text) tags.set(key, text);
    }
  }
  return tags;
}

function attributesOf(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of tag.matchAll(/([a-z:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi)) {
    attributes.set((match[1] as string).toLowerCase(), match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attributes;
}

function titleElement(head: string): string | undefined {
  const match = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(head);
  const text = match ? collapse(decodeEntities(match[1] as string)) : '';
  return text || undefined;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] !== '#') return NAMED[entity.toLowerCase()] ?? whole;
    const code = entity[1] === 'x' || entity[1] === 'X' ? Number.parseInt(entity.slice(2), 16) : Number(entity.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

function clip(text: string, max: number): string {
  const characters = [...text];
  return characters.length <= max ? text : `${characters.slice(0, max - 1).join('')}…`;
}
