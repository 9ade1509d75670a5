// Shared test set-up. jsdom is opted into per file with `// @vitest-environment jsdom`.
import { configure } from '@testing-library/dom';

// CI is a loaded 2-core machine: give findBy* queries time rather than fail on a slow render.
configure({ asyncUtilTimeout: 5000 });
