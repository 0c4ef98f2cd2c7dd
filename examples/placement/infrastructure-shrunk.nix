# infrastructure.nix after web3 has left: what is left is 92 % used.
removeAttrs (import ./infrastructure.nix) [ "web3" ]
