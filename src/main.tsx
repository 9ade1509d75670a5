// Wiring only: mount the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><main><h1>YPSI Response</h1></main></StrictMode>);
