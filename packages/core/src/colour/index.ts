// sRGB <-> CIE Lab (harmonized inputs, colorization) and the 313 quantized a/b bins.
export { AB_GAMUT_MARGIN, abBinCenters, softEncodeAb, decodeAbExpectation, rebalanceWeights } from './ab-bins';
export { srgbToLab, labToSrgb, lightnessToByte, byteToLightness, rgbImageToLab, harmonizeRgb } from './lab';
