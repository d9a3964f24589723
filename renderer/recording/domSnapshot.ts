// Paints a DOM region (the run dock) onto a 2D canvas, for the recording: what a viewer of the
// video needs to read — panel and badge backgrounds, every piece of text in its own font and
// colour, and the charts' canvases (uPlot) as they are drawn — each clipped to the boxes that clip
// it on screen (a scrolled event log, a visually hidden label). Not a full HTML renderer: no
// borders, shadows, images or SVG icons (the charts' legend swatches are SVG and are left out; the
// lines keep their colours). Reads layout only (no writes), so it never forces a reflow loop.

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const EMPTY: Box = { left: 0, top: 0, right: 0, bottom: 0 };

function intersect(a: Box, b: Box): Box {
  const box = {
    left: Math.max(a.left, b.left),
    top: Math.max(a.top, b.top),
    right: Math.min(a.right, b.right),
    bottom: Math.min(a.bottom, b.bottom),
  };
  return box.right > box.left && box.bottom > box.top ? box : EMPTY;
}

const isEmpty = (box: Box) => box.right <= box.left || box.bottom <= box.top;

/** The visible part of each element: its ancestors' overflow and clip boxes intersected. */
function clipper(root: Element): (element: Element) => Box {
  const rootRect = root.getBoundingClientRect();
  const rootBox: Box = {
    left: rootRect.left,
    top: rootRect.top,
    right: rootRect.right,
    bottom: rootRect.bottom,
  };
  const cache = new Map<Element, Box>([[root, rootBox]]);
  const visible = (element: Element): Box => {
    const known = cache.get(element);
    if (known) return known;
    const parent = element.parentElement;
    let box = parent && root.contains(parent) ? visible(parent) : rootBox;
    const style = getComputedStyle(element);
    if (style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0') box = EMPTY;
    else if (style.clip !== 'auto' && style.clip !== '' && style.position === 'absolute') box = EMPTY;
    else if (style.overflowX !== 'visible' || style.overflowY !== 'visible') {
      const rect = element.getBoundingClientRect();
      box = intersect(box, { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom });
    }
    cache.set(element, box);
    return box;
  };
  return visible;
}

function withClip(context: CanvasRenderingContext2D, box: Box, draw: () => void): void {
  context.save();
  context.beginPath();
  context.rect(box.left, box.top, box.right - box.left, box.bottom - box.top);
  context.clip();
  draw();
  context.restore();
}

/** Draws `root`'s visible content into `context`, whose transform maps page coordinates. */
export function paintDom(context: CanvasRenderingContext2D, root: Element): void {
  const visible = clipper(root);
  if (isEmpty(visible(root))) return;

  // Backgrounds first, in document order (a parent's under its children's).
  for (const element of [root, ...Array.from(root.querySelectorAll('*'))]) {
    if (element instanceof SVGElement) continue;
    const style = getComputedStyle(element);
    const background = style.backgroundColor;
    if (!background || background === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(background)) continue;
    const box = visible(element);
    const rect = element.getBoundingClientRect();
    if (isEmpty(box) || rect.width <= 0 || rect.height <= 0) continue;
    withClip(context, box, () => {
      context.fillStyle = background;
      context.beginPath();
      context.roundRect(
        rect.left,
        rect.top,
        rect.width,
        rect.height,
        parseFloat(style.borderTopLeftRadius) || 0,
      );
      context.fill();
    });
  }

  // Text, line by line where the browser wrapped it.
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    // Collapse white space as the page does, but keep a leading space: the line box includes it.
    const text = node.textContent?.replace(/\s+/g, ' ') ?? '';
    const parent = node.parentElement;
    if (!text.trim() || !parent) continue;
    const box = visible(parent);
    if (isEmpty(box)) continue;
    range.selectNodeContents(node);
    const lines = Array.from(range.getClientRects()).filter((rect) => rect.width > 0 && rect.height > 0);
    if (lines.length === 0) continue;
    const style = getComputedStyle(parent);
    withClip(context, box, () => {
      context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      context.fillStyle = style.color;
      context.textBaseline = 'middle';
      context.textAlign = 'left';
      drawLines(context, text, lines);
    });
  }

  // Canvases (the charts) on top, as they are drawn now.
  for (const canvas of Array.from(root.querySelectorAll('canvas'))) {
    const box = visible(canvas);
    const rect = canvas.getBoundingClientRect();
    if (isEmpty(box) || rect.width <= 0 || rect.height <= 0 || canvas.width === 0 || canvas.height === 0)
      continue;
    withClip(context, box, () => context.drawImage(canvas, rect.left, rect.top, rect.width, rect.height));
  }
}

/** Fills the browser's line boxes with the text's words in order (each line up to its box's width). */
function drawLines(context: CanvasRenderingContext2D, text: string, lines: DOMRect[]): void {
  if (lines.length === 1) {
    const [line] = lines;
    // A space the page collapsed away (at the start of a line) is not in the line box.
    const shown =
      text.startsWith(' ') &&
      context.measureText(text).width > line.width + context.measureText(' ').width / 2
        ? text.trimStart()
        : text;
    context.fillText(shown, line.left, line.top + line.height / 2, Math.max(1, line.width + 2));
    return;
  }
  const words = text.trim().split(' ');
  let index = 0;
  for (let l = 0; l < lines.length && index < words.length; l++) {
    const line = lines[l];
    let content = words[index++];
    while (index < words.length && context.measureText(`${content} ${words[index]}`).width <= line.width + 1)
      content += ` ${words[index++]}`;
    if (l === lines.length - 1 && index < words.length) content += ` ${words.slice(index).join(' ')}`;
    context.fillText(content, line.left, line.top + line.height / 2, Math.max(1, line.width + 2));
  }
}
