// PDF structure parsing shared by esignature (signature checks) and digitization (page counts).
export {};
