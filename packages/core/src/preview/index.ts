// Contact sheets: the preview PNG every stream writes, and its drawing helpers.
export { type SheetTile, writeContactSheet, drawArrow, blendMask } from './contact-sheet';
