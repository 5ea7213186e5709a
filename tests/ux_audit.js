// Measures a rendered page against docs/accessibility.md: text size, line height, contrast, tap targets.
// Returns a list of problems (empty when the page passes).
() => {
  const problems = [];
  const visible = (element) => {
    const style = getComputedStyle(element);
    return element.getClientRects().length > 0 && style.visibility !== "hidden" && style.display !== "none";
  };
  const parse = (color) => {
    const match = color.match(/rgba?\(([^)]+)\)/);
    if (!match) return null;
    const parts = match[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1 };
  };
  const luminance = ({ r, g, b }) => {
    const channel = (value) => {
      value /= 255;
      return value <= 0.03928 ? value / 12.92 : Math.pow((value + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const background = (element) => {
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
      const color = parse(getComputedStyle(node).backgroundColor);
      if (color && color.a > 0) return color;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const describe = (element) => {
    const text = (element.innerText || element.value || "").trim().replace(/\s+/g, " ").slice(0, 40);
    return `${element.tagName.toLowerCase()}${element.className ? "." + String(element.className).replace(/ /g, ".") : ""} "${text}"`;
  };

  // Text: every element that directly holds visible text.
  for (const element of document.body.querySelectorAll("*")) {
    if (!visible(element) || ["SCRIPT", "STYLE", "NOSCRIPT"].includes(element.tagName)) continue;
    const ownText = [...element.childNodes].some((node) => node.nodeType === 3 && node.textContent.trim());
    const isField = element.tagName === "INPUT" && element.type !== "hidden";
    if (!ownText && !isField) continue;
    const style = getComputedStyle(element);
    const size = parseFloat(style.fontSize);
    if (size < 24) problems.push(`text under 24px (${size}px): ${describe(element)}`);
    const lineHeight = style.lineHeight === "normal" ? NaN : parseFloat(style.lineHeight);
    if (!(lineHeight / size >= 1.495)) problems.push(`line height under 1.5 (${style.lineHeight} at ${size}px): ${describe(element)}`);
    const foreground = parse(style.color);
    const ratio = (Math.max(luminance(foreground), luminance(background(element))) + 0.05) /
      (Math.min(luminance(foreground), luminance(background(element))) + 0.05);
    if (ratio < 7) problems.push(`contrast ${ratio.toFixed(2)}:1 under 7:1: ${describe(element)}`);
  }

  // Tap targets: at least 60×60 px and 8 px from each other.
  const targets = [...document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, [role=button]")].filter(visible);
  const boxes = targets.map((element) => [element, element.getBoundingClientRect()]);
  for (const [element, box] of boxes) {
    if (box.width < 60 || box.height < 60) problems.push(`target ${Math.round(box.width)}×${Math.round(box.height)} under 60×60: ${describe(element)}`);
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, boxA] = boxes[i];
      const [b, boxB] = boxes[j];
      if (a.contains(b) || b.contains(a)) continue;
      const dx = Math.max(boxA.left, boxB.left) - Math.min(boxA.right, boxB.right);
      const dy = Math.max(boxA.top, boxB.top) - Math.min(boxA.bottom, boxB.bottom);
      const gap = Math.max(dx, dy);
      if (gap < 7.5) problems.push(`targets ${gap.toFixed(1)}px apart: ${describe(a)} / ${describe(b)}`);
    }
  }
  return problems;
}
