import '@testing-library/jest-dom';
import { configure } from '@testing-library/dom';

// CI machines are small and run many suites at once: give rendering and waits room,
// so a slow machine does not fail a correct test.
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 10_000 });
