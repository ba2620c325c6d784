export { plotSvg, showPlot, type PlotSvgOptions } from "./plot";
export { stableIds } from "./stable-ids";
