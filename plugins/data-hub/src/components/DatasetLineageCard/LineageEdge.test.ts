import { edgePath } from './LineageEdge';

describe('edgePath', () => {
  it('runs straight between two points', () => {
    expect(
      edgePath([
        { x: 0, y: 0 },
        { x: 10, y: 5 },
      ]),
    ).toBe('M0,0 L10,5');
  });

  it('rounds bends through the midpoints', () => {
    expect(
      edgePath([
        { x: 0, y: 0 },
        { x: 10, y: 0 },
        { x: 20, y: 10 },
      ]),
    ).toBe('M0,0 Q10,0 15,5 L20,10');
  });

  it('skips points dagre could not place, and draws nothing from fewer than two', () => {
    expect(
      edgePath([
        { x: 0, y: 0 },
        { x: NaN, y: 3 },
        { x: 10, y: 5 },
      ]),
    ).toBe('M0,0 L10,5');
    expect(edgePath([{ x: 1, y: 1 }])).toBe('');
  });
});
