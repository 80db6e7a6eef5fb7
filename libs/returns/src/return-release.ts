/** The software release a return's header names (CIN census Source/Release): this build's version when run through npm. */
export const RETURN_RELEASE = process.env.npm_package_version ?? '0.1.0';
