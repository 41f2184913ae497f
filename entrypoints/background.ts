export default defineBackground(() => {
  // The pipeline (issue 4) wires ingest and queries here.
});
