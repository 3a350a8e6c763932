/**
 * jsdom does no layout: elements measure 0 × 0 and text ranges have no
 * rectangles. CodeMirror measures ranges, and the virtualized results grid
 * renders only the rows that fit its measured height, so tests that render
 * them give every element a size. Returns a function that undoes it.
 */
export function mockLayout(size = { width: 1200, height: 600 }): () => void {
  const spies = [
    jest
      .spyOn(HTMLElement.prototype, 'clientHeight', 'get')
      .mockReturnValue(size.height),
    jest
      .spyOn(HTMLElement.prototype, 'clientWidth', 'get')
      .mockReturnValue(size.width),
    jest
      .spyOn(HTMLElement.prototype, 'offsetHeight', 'get')
      .mockReturnValue(size.height),
    jest
      .spyOn(HTMLElement.prototype, 'offsetWidth', 'get')
      .mockReturnValue(size.width),
  ];
  const rect = {
    x: 0,
    y: 0,
    top: 0,
    left: 0,
    bottom: 0,
    right: 0,
    width: 0,
    height: 0,
    toJSON: () => ({}),
  } as DOMRect;
  const range = Range.prototype as any;
  const original = {
    getBoundingClientRect: range.getBoundingClientRect,
    getClientRects: range.getClientRects,
  };
  range.getBoundingClientRect = () => rect;
  range.getClientRects = () => ({
    length: 0,
    item: () => null,
    [Symbol.iterator]: [][Symbol.iterator],
  });
  return () => {
    spies.forEach(spy => spy.mockRestore());
    range.getBoundingClientRect = original.getBoundingClientRect;
    range.getClientRects = original.getClientRects;
  };
}
