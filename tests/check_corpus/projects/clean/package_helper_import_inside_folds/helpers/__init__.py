# pattern: package marker for helpers/ (empty; no data flow) (clean)
