// Paints a DOM region (the run dock) onto a 2D canvas, for the recording: what a viewer of the
// video needs to read — panel and badge backgrounds, every piece of text in its own font and
// colour, and the charts' canvases (uPlot) as they are drawn. Not a full HTML renderer: no
// borders, shadows, images or SVG icons (the charts' legend swatches are SVG and are left out;
// the lines keep their colours). Reads layout only (no writes), so it never forces a reflow loop.

/** Draws `root`'s visible content into `context`, whose origin is the page's (0, 0) scaled by `scale`. */
export function paintDom(context: CanvasRenderingContext2D, root: Element): void {
  const rootRect = root.getBoundingClientRect();
  if (rootRect.width <= 0 || rootRect.height <= 0) return;
  context.save();
  context.beginPath();
  context.rect(rootRect.left, rootRect.top, rootRect.width, rootRect.height);
  context.clip();

  // Backgrounds first, in document order (a parent's under its children's).
  const elements = [root, ...Array.from(root.querySelectorAll('*'))];
  for (const element of elements) {
    if (element instanceof SVGElement && !(element instanceof SVGSVGElement)) continue;
    const style = getComputedStyle(element);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    const background = style.backgroundColor;
    if (!background || background === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(background)) continue;
    const rect = element.getBoundingClientRect();
    if (rect.width <= 0 || rect.height <= 0) continue;
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
  }

  // Text, line by line where the browser wrapped it.
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent?.replace(/\s+/g, ' ').trim();
    const parent = node.parentElement;
    if (!text || !parent) continue;
    const style = getComputedStyle(parent);
    if (style.visibility === 'hidden' || style.opacity === '0') continue;
    range.selectNodeContents(node);
    const lines = Array.from(range.getClientRects()).filter((rect) => rect.width > 0 && rect.height > 0);
    if (lines.length === 0) continue;
    context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    context.fillStyle = style.color;
    context.textBaseline = 'middle';
    context.textAlign = 'left';
    drawLines(context, text, lines);
  }

  // Canvases (the charts) on top, as they are drawn now.
  for (const canvas of Array.from(root.querySelectorAll('canvas'))) {
    const rect = canvas.getBoundingClientRect();
    if (rect.width <= 0 || rect.height <= 0 || canvas.width === 0 || canvas.height === 0) continue;
    context.drawImage(canvas, rect.left, rect.top, rect.width, rect.height);
  }
  context.restore();
}

/** Fills the browser's line boxes with the text's words in order (each line up to its box's width). */
function drawLines(context: CanvasRenderingContext2D, text: string, lines: DOMRect[]): void {
  if (lines.length === 1) {
    const [line] = lines;
    context.fillText(text, line.left, line.top + line.height / 2, Math.max(1, line.width + 2));
    return;
  }
  const words = text.split(' ');
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
