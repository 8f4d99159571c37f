"""Names in an edition's folder that several layers write or read (a module without
imports: the build's workers load it without the data-file schemas)."""

RESOLUTIONS = "resolutions.yaml"   # the editor's decisions on findings
RELEASES = "releases.yaml"         # the publications, written by `monoreg release`
UPDATES = "updates.yaml"           # the editor's dated notes after a publication
PUBLICATIONS = "publications"      # the folder of the manifests `monoreg release` keeps
