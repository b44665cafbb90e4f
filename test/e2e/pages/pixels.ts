import type { Locator } from '@playwright/test';

/**
 * How many pixels of a screenshot of `target` lie within `tolerance` (sum of RGB differences)
 * of each named colour. Decoded in the page itself (its CSP allows data: images), so what is
 * counted is what the screen shows, whichever renderer drew it.
 */
export async function colourCounts(target: Locator, colours: Readonly<Record<string, string>>, tolerance = 30): Promise<Record<string, number>> {
  const png = (await target.screenshot()).toString('base64');
  return target.page().evaluate(
    async ({ png, colours, tolerance }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${png}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      [canvas.width, canvas.height] = [image.width, image.height];
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const data = context.getImageData(0, 0, image.width, image.height).data;
      const wanted = Object.entries(colours).map(([name, hex]) => ({ name, rgb: [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) }));
      const counts: Record<string, number> = Object.fromEntries(wanted.map((w) => [w.name, 0]));
      for (let i = 0; i < data.length; i += 4) {
        for (const { name, rgb } of wanted) {
          if (Math.abs(data[i]! - rgb[0]!) + Math.abs(data[i + 1]! - rgb[1]!) + Math.abs(data[i + 2]! - rgb[2]!) <= tolerance) counts[name]! += 1;
        }
      }
      return counts;
    },
    { png, colours, tolerance },
  );
}
