import { render } from 'preact';
import { Popup } from './popup.tsx';

const root = document.getElementById('app');
if (root !== null) render(<Popup />, root);
