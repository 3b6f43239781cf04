/** Downloads the tree as SVG, or as PNG by drawing that SVG onto a canvas. */
import { treeToSvg } from '../lib/export-svg';
import type { TreeNode } from '../types';

/** Browsers refuse canvases much larger than this per side. */
const MAX_CANVAS_SIDE = 16_000;

function download(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function buildSvg(nodes: readonly TreeNode[], heading: string, locale: 'ja' | 'en') {
  return treeToSvg(nodes, heading, locale);
}

export function exportSvg(nodes: readonly TreeNode[], heading: string, filename: string, locale: 'ja' | 'en' = 'ja') {
  const { svg } = buildSvg(nodes, heading, locale);
  download(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }), filename);
}

export async function exportPng(nodes: readonly TreeNode[], heading: string, filename: string, locale: 'ja' | 'en' = 'ja'): Promise<void> {
  const { svg, width, height } = buildSvg(nodes, heading, locale);
  const scale = Math.min(2, MAX_CANVAS_SIDE / width, MAX_CANVAS_SIDE / height);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.floor(width * scale));
    canvas.height = Math.max(1, Math.floor(height * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('No 2D canvas');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('PNG encoding failed');
    download(blob, filename);
  } finally {
    URL.revokeObjectURL(url);
  }
}
