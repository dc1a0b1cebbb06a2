// ES module entry: the same objects as index.js.
import presign from "./index.js";

export const { Presigner, PresignError, inspect, verify, version } = presign;
export default presign;
