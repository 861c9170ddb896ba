/** One password path's figures from password-paths.ts (a module of its own: that script runs when imported). */
export type PathResult = { runs: number; hashesPerRun: number; verificationsPerRun: number; cpuMsPerRun: number; wallMsPerRun: number };
