/* placeholder: replaced by the shmtool implementation */
int main (void);
int main (void) { return 2; }
