/**
 * `showChart(options)`: displays a chart and returns nothing, so a notebook cell that ends with
 * it shows the chart alone (tslab also displays a cell's last value, and the SVG string is not
 * something a reader wants to see twice).
 */
import { showPlot, type PlotSvgOptions } from "./plot";

/** Displays a chart built by one of the chart functions in lib/plots. */
export function showChart(options: PlotSvgOptions): void {
  showPlot(options);
}
